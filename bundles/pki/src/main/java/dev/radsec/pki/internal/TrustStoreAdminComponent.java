package dev.radsec.pki.internal;

import dev.radsec.pki.CaException;
import dev.radsec.pki.CrlStatus;
import dev.radsec.pki.TrustStoreAdmin;
import dev.radsec.pki.TrustStoreAnchor;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link TrustStoreAdmin} on the credential registry, the file system and ConfigAdmin. */
@Component(service = TrustStoreAdmin.class)
public final class TrustStoreAdminComponent implements TrustStoreAdmin {
    static final String TRUST_PID = TrustAnchors.TRUST_PID;

    @Reference
    private ConfigurationAdmin configurationAdmin;
    @Reference
    private CredentialRegistry registry;
    private TrustAnchors anchors;

    @Activate
    void activate() {
        anchors = new TrustAnchors(registry, new TrustConfigurations(configurationAdmin, registry.base()));
    }

    @Override
    public Path importCa(String trustName, String pem) throws CaException {
        return anchors.importCa(trustName, pem);
    }

    @Override
    public List<TrustStoreAnchor> anchors(String trustName) {
        return anchors.anchors(trustName);
    }

    @Override
    public TrustStoreAnchor addAnchor(String trustName, String pem) throws CaException {
        return anchors.add(trustName, pem);
    }

    @Override
    public boolean removeAnchor(String trustName, String fingerprint) throws CaException {
        return anchors.remove(trustName, fingerprint);
    }

    @Override
    public CrlStatus crlStatus(String trustName) {
        return anchors.crlStatus(trustName);
    }

    @Override
    public Path anchorDirectory(String trustName) {
        return anchors.anchorDirectory(trustName);
    }
}
