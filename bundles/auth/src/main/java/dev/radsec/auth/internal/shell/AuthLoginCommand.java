package dev.radsec.auth.internal.shell;

import dev.radsec.auth.LoginResult;
import dev.radsec.auth.RadiusLogin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code radsec:auth-login <username>}: Vault's {@code login} for an operator. Prompts for the password without echo,
 * logs the user in through the login service (counted as any login) and prints the outcome, the policies and the
 * lease. A failed login is an error of the command, so scripts see it.
 */
@Command(scope = "radsec", name = "auth-login",
        description = "Logs a user in against RADIUS (prompts for the password) and shows the policies and the lease")
@Service
public class AuthLoginCommand implements Action {
    @Reference
    RadiusLogin login;

    @Reference
    Session session;

    @Argument(index = 0, name = "username", required = true)
    @Completion(UsernameCompleter.class)
    String username;

    @Override
    public Object execute() throws Exception {
        String password = PasswordPrompt.read(session, "Password for " + username.trim() + ": ");
        LoginResult result = login.login(username, password);
        if (!result.isLoggedIn()) {
            throw new IllegalStateException("Login of " + result.username() + " failed: " + result.outcome()
                    + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
        }
        System.out.println("Logged in: " + result.username());
        System.out.println("Policies:  " + String.join(", ", result.policies()));
        System.out.println("Lease:     " + result.leaseDuration().map(d -> d.getSeconds() + " s (Session-Timeout)")
                .orElse("none (no Session-Timeout)"));
        return null;
    }
}
