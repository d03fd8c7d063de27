package dev.radsec.auth.internal;

import dev.radsec.auth.LoginResult;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * The JAAS login module of the Karaf realm {@code radsec}: the user logs in against RADIUS through the login
 * service, and gets a {@link UserPrincipal} and one {@link RolePrincipal} per policy ({@code policy-roles} maps
 * policy names to Karaf roles, e.g. {@code admins=admin}). Karaf instantiates it through its proxy module.
 */
public final class RadiusLoginModule implements LoginModule {
    /** Where the login service comes from: the OSGi registry, or a test's. */
    @FunctionalInterface
    interface ServiceSource {
        RadiusLoginService get() throws LoginException;
    }

    private final ServiceSource services;
    private Subject subject;
    private CallbackHandler callbacks;
    private final List<Principal> principals = new ArrayList<>();

    /** As Karaf's proxy module creates it: the login service from this bundle's registry. */
    public RadiusLoginModule() {
        this(RadiusLoginModule::service);
    }

    RadiusLoginModule(ServiceSource services) {
        this.services = services;
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot ask for the username and password: " + e.getMessage());
        }
        char[] typed = password.getPassword();
        String secret = typed == null ? "" : new String(typed);
        password.clearPassword();
        RadiusLoginService service = services.get();
        LoginResult result = service.login(name.getName(), secret);
        if (!result.isLoggedIn()) {
            // the detail names the outcome, never the password
            throw new FailedLoginException("RADIUS login of '" + result.username() + "' failed: " + result.outcome());
        }
        principals.add(new UserPrincipal(result.username()));
        AuthSettings settings = service.settings();
        for (String policy : result.policies()) {
            principals.add(new RolePrincipal(settings == null ? policy : settings.role(policy)));
        }
        return true;
    }

    private static RadiusLoginService service() throws LoginException {
        BundleContext context = FrameworkUtil.getBundle(RadiusLoginModule.class).getBundleContext();
        ServiceReference<RadiusLoginService> ref = context == null ? null
                : context.getServiceReference(RadiusLoginService.class);
        RadiusLoginService service = ref == null ? null : context.getService(ref);
        if (service == null) {
            throw new LoginException("the RADIUS login service is not running");
        }
        context.ungetService(ref); // held by the bundle's component itself; this only borrows it
        return service;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return !principals.isEmpty();
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
