package trainwell.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    @Test
    void glibcAcceptsTheSettingsOnLinux() {
        assumeTrue(Files.exists(Path.of("/proc/self/maps")), "Linux only");
        assertTrue(NativeHeap.keepFreedMemory(), "mallopt should accept the settings on glibc");
    }

    @Test
    void askingTwiceGivesTheSameAnswer() {
        assertEquals(NativeHeap.keepFreedMemory(), NativeHeap.keepFreedMemory());
    }
}
