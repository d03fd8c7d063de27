package dev.radsec.transport;

import dev.radsec.codec.RadiusPacket;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers requests that arrive at a listener. Register implementations as OSGi services (the whiteboard); a
 * service property {@value #LISTENER} restricts one to the named listener, otherwise it serves them all. When
 * several handlers serve a listener, the one with the highest service ranking answers.
 *
 * <p>The request has been verified (authenticators, Message-Authenticator as the listener requires) and its
 * hidden attributes are revealed. The response needs only its code and attributes: the listener sets the
 * Identifier and authenticators for the client it goes back to.
 */
@ConsumerType
@FunctionalInterface
public interface RadiusRequestHandler {

    /** Service property naming the listener a handler serves. */
    String LISTENER = "radsec.listener";

    /**
     * @return the response, or a stage completing with {@code null} to send none (the client will retry or fail
     *         over, as when a server drops a request)
     */
    CompletionStage<RadiusPacket> handle(RequestContext context, RadiusPacket request);
}
