package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path root;

    private Path dataFolder() throws IOException {
        Path data = Files.createDirectories(root.resolve("course/data"));
        Files.writeString(data.resolve(DataDirectory.MARKER), "text");
        return data;
    }

    @Test
    void findsTheDataFolderWalkingUpFromASubfolder() throws IOException {
        Path data = dataFolder();
        Path notebooks = Files.createDirectories(root.resolve("course/notebooks/part1"));
        assertEquals(data, DataDirectory.find(null, null, notebooks));
    }

    @Test
    void prefersTheSystemPropertyOverTheEnvironment() throws IOException {
        Path data = dataFolder();
        assertEquals(data, DataDirectory.find(data.toString(), "/nowhere", root));
    }

    @Test
    void usesTheEnvironmentVariableWhenThePropertyIsUnset() throws IOException {
        Path data = dataFolder();
        assertEquals(data, DataDirectory.find(null, data.toString(), root));
    }

    @Test
    void saysWhatWasSearchedWhenNothingIsFound() {
        var e = assertThrows(IllegalStateException.class, () -> DataDirectory.find(null, null, root));
        assertTrue(e.getMessage().contains("trainwell.data") && e.getMessage().contains("TRAINWELL_DATA")
                && e.getMessage().contains(root.resolve("data").toString()), e.getMessage());
    }

    @Test
    void rejectsAPropertyThatNamesTheWrongFolder() {
        var e = assertThrows(IllegalStateException.class, () -> DataDirectory.find(root.toString(), null, root));
        assertTrue(e.getMessage().startsWith("system property trainwell.data names " + root), e.getMessage());
    }

    @Test
    void findsTheCommittedDataFromTheTestsWorkingDirectory() {
        assertTrue(Files.isRegularFile(DataDirectory.find().resolve("sentiment/sentiment.tsv")));
    }
}
