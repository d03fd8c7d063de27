package dev.radsec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a whole process (all its threads), from {@code /proc/<pid>/stat} (Linux). */
final class ProcessCpu {
    /** USER_HZ, the unit of utime and stime; 100 on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** User plus system CPU time of process {@code pid}, in microseconds. */
    static long micros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name in parentheses may hold spaces: count fields from after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000L / TICKS_PER_SECOND;
    }
}
