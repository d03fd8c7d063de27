package dev.radsec.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a configured destination's state ({@link DestinationStatistics.State}) changes, so that management
 * can push what it would otherwise poll with {@link RadiusClient#statistics}: an OSGi whiteboard service, every
 * registered one is told.
 *
 * <ul>
 *   <li>One call per change, in the order the changes happened for that destination. {@code previous} is the
 *       state last reported for the id: a destination reconfigured with new connection settings reconnects
 *       without a report as long as the state reported does not change (UP stays UP).</li>
 *   <li>A destination that cannot connect reports DOWN once, not once per attempt; the next report is UP.</li>
 *   <li>A listener registered later hears the later changes only: the current state is
 *       {@link RadiusClient#statistics}. A removed destination reports nothing more.</li>
 *   <li>Called on a transport thread with no lock of the transport held. It must not block: hand slow work
 *       (I/O, remote calls) to an executor of your own. What it throws is logged and ignored.</li>
 * </ul>
 */
@ConsumerType
@FunctionalInterface
public interface DestinationStateListener {
    /**
     * @param destinationId the destination's configured {@code id}
     * @param previous      the state last reported for it, or CONNECTING at first
     * @param current       the state it is in now; never equal to {@code previous}
     * @param reason        why, in words: for DOWN the failure (e.g. {@code connection refused}), for UP where it
     *                      connected; never null
     */
    void stateChanged(int destinationId, DestinationStatistics.State previous, DestinationStatistics.State current,
                      String reason);
}
