package dev.radsec.management.internal;

import dev.radsec.management.CertificateAuthorityMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.TrustStoreMXBean;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.CredentialListener;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.TrustStoreAdmin;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.management.MBeanServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the PKI's MXBeans in the container's MBeanServer (Karaf's JMX ACL applies): one
 * {@code dev.radsec:type=TrustStore,name=<name>} per trust store, following the PKI's trust store events (a store
 * configured, renamed or removed), and the organisation CA's {@code dev.radsec:type=CertificateAuthority}. The MBeans
 * are synced on a thread of their own, never the PKI's.
 */
@Component(service = {}, immediate = true)
public final class PkiMBeans implements CredentialListener {
    private static final Logger LOG = LoggerFactory.getLogger(PkiMBeans.class);

    @Reference
    private MBeanServer server;
    @Reference
    private CredentialService pki;
    @Reference
    private TrustStoreAdmin trustAdmin;
    @Reference
    private OrganisationCa ca;
    /** Writes the trust stores' keys through ConfigAdmin, validated first by the PKI's validator. */
    @Reference
    private ConfigurationStore store;

    private MBeanSet<String, TrustStoreMXBean> trustStores;
    private MBeanSet<String, CertificateAuthorityMXBean> authority;
    private ExecutorService sync;

    @Activate
    void activate() {
        TrustStoreConfigurations configurations = new TrustStoreConfigurations(store);
        trustStores = new MBeanSet<>(server, TrustStoreMXBean.class, ObjectNames::trustStore,
                name -> new TrustStoreMBean(name, trustAdmin, configurations));
        authority = new MBeanSet<>(server, CertificateAuthorityMXBean.class, k -> ObjectNames.certificateAuthority(),
                k -> new CertificateAuthorityMBean(ca));
        sync = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "radsec-management-pki-mbeans");
            t.setDaemon(true);
            return t;
        });
        authority.sync(Set.of("ca"));
        pki.addListener(this);
        syncSoon();
    }

    @Deactivate
    void deactivate() {
        pki.removeListener(this);
        sync.shutdownNow();
        trustStores.clear();
        authority.clear();
    }

    @Override
    public void credentialChanged(CredentialEvent event) {
        if (event.kind() == CredentialEvent.Kind.TRUST_CHANGED) {
            syncSoon();
        }
    }

    private void syncSoon() {
        try {
            sync.execute(this::syncTrustStores);
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    private void syncTrustStores() {
        try {
            trustStores.sync(Set.copyOf(pki.trustStores()));
        } catch (RuntimeException e) {
            LOG.warn("Resyncing the trust store MBeans failed; the next trust store change tries again", e);
        }
    }

    /** For tests. */
    MBeanSet<String, TrustStoreMXBean> trustStoreBeans() {
        return trustStores;
    }
}
