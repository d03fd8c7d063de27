package dev.radsec.management.internal.shell;

import dev.radsec.pki.OrganisationCa;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/** A command on the organisation CA, {@code radsec:ca-*}. */
abstract class CaCommand implements Action {
    @Reference
    OrganisationCa ca;
}
