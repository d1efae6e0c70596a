package trainwell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory, read from /proc/self/status (Linux); -1 where that file is missing. */
public final class Rss {

    private static final Path STATUS = Path.of("/proc/self/status");

    private Rss() {}

    /** Resident set size now (VmRSS), in MB. */
    public static double currentMb() {
        return field("VmRSS:");
    }

    /** Peak resident set size so far (VmHWM), in MB. */
    public static double peakMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    // "VmRSS:	  301244 kB"
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim()) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
