package dev.radsec.management.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:test <id> <user> <password>}: one Access-Request; prints code, reply attributes and RTT. */
@Command(scope = "radsec", name = "test", description = "Sends a PAP Access-Request to a destination and prints the answer")
@Service
public class TestCommand extends DestinationCommand {
    @Reference
    dev.radsec.transport.RadiusDictionary dictionary;

    @Argument(index = 1, name = "user", required = true)
    String user;

    @Argument(index = 2, name = "password", required = true, censor = true)
    String password;

    @Override
    public Object execute() {
        System.out.println(new dev.radsec.management.internal.TestAuthentication(client, dictionary,
                java.time.Clock.systemUTC())
                .run(id, user, password));
        return null;
    }
}
