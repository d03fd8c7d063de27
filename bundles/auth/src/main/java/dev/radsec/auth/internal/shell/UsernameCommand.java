package dev.radsec.auth.internal.shell;

import dev.radsec.auth.UserMappings;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** What the commands on one existing user's mapping share: the mappings and the completed username argument. */
abstract class UsernameCommand implements Action {
    @Reference
    UserMappings mappings;

    @Argument(index = 0, name = "username", required = true)
    @Completion(UsernameCompleter.class)
    String username;
}
