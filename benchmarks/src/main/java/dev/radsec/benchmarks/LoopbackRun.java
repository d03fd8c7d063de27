package dev.radsec.benchmarks;

/** How the loopback measurements ({@link RelayLoad}, {@link Reliability}) run from {@code main}. */
final class LoopbackRun {
    private LoopbackRun() {
    }

    /** A measurement, which may throw anything. */
    interface Measurement {
        void run() throws Exception;
    }

    /**
     * Runs {@code measurement} and exits the JVM: status 0, or 1 with the stack trace when it failed. Exiting is
     * needed: MINA and PKI threads would keep the JVM alive after a failure.
     */
    static void runAndExit(Measurement measurement) {
        int status = 0;
        try {
            measurement.run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
