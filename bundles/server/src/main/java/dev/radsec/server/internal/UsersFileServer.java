package dev.radsec.server.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.server.UsersFile;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RequestContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server (PID {@code dev.radsec.server}): answers the named listener's requests from the users file.
 * PAP and CHAP Access-Requests get Access-Accept with the user's reply attributes or Access-Reject; Accounting
 * gets Accounting-Response; Status-Server gets Access-Accept. The file is read again when it changes; a file that
 * does not parse is refused with its line number and the last good one stays.
 */
@Component(configurationPid = "dev.radsec.server", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = UsersFileServerConfig.class)
public final class UsersFileServer implements RadiusRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UsersFileServer.class);

    /** Reply attributes in the users file may be any the shared dictionary knows, vendor ones included. */
    @Reference
    private RadiusDictionary dictionaries;
    /** The dictionary {@link #users} was parsed with: a dictionary reload parses the file again. */
    private volatile Dictionary parsedWith;
    private Path file;
    private ServiceRegistration<RadiusRequestHandler> registration;
    private volatile UsersFile users = UsersFile.parse("", Dictionary.standard());
    private volatile FileTime loaded;

    @Activate
    void activate(BundleContext context, UsersFileServerConfig config) throws IOException {
        String etc = context.getProperty("karaf.etc");
        file = Path.of(etc == null ? "etc" : etc).resolve(config.users()).toAbsolutePath().normalize();
        if (DemoUsersFile.createIfMissing(file)) {
            LOG.warn("Embedded server: created {} with the demo users alice and bob", file);
        }
        reloadIfChanged();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(RadiusRequestHandler.LISTENER, config.listener());
        registration = context.registerService(RadiusRequestHandler.class, this, properties);
        LOG.info("Embedded server answers listener '{}' from {} ({} users)", config.listener(), file, users.size());
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    private void reloadIfChanged() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Dictionary dictionary = dictionaries.current();
            if (modified.equals(loaded) && dictionary == parsedWith) {
                return;
            }
            loaded = modified;
            parsedWith = dictionary;
            users = UsersFile.parse(Files.readString(file, StandardCharsets.UTF_8), dictionary);
            LOG.info("Embedded server: {} users from {}", users.size(), file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Embedded server: {} not loaded, the previous users stay: {}", file, e.getMessage());
        }
    }

    @Override
    public CompletionStage<RadiusPacket> handle(RequestContext context, RadiusPacket request) {
        reloadIfChanged();
        return CompletableFuture.completedFuture(UsersFileAnswers.answer(users, request));
    }
}
