package trainwell.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class CsvTest {

    @AfterEach
    void resetFolder() {
        Results.useFolder(null);
        System.clearProperty(Results.FOLDER_PROPERTY);
    }

    @Test
    void defaultFolderIsResultsUnderTheWorkingDirectory() {
        assertEquals(Path.of(System.getProperty("user.dir"), "results"), Results.folder());
    }

    @Test
    void systemPropertyChangesTheFolder(@TempDir Path dir) {
        System.setProperty(Results.FOLDER_PROPERTY, dir.toString());
        assertEquals(dir, Results.folder());
    }

    @Test
    void saveCsvCreatesTheFolderAndRoundTrips(@TempDir Path dir) {
        Path folder = dir.resolve("nested/results");
        Results.useFolder(folder);
        Path file = Results.saveCsv(ResultsTest.runs(), "runs");
        assertEquals(folder.resolve("runs.csv"), file);
        assertTrue(Files.isRegularFile(file));
        Table back = Results.loadCsv("runs.csv");
        assertEquals(15, back.rowCount());
        assertEquals(ResultsTest.runs().columnNames(), back.columnNames());
        assertEquals(2.5, back.doubleColumn("val_loss").get(0), 0);
    }

    @Test
    void fileNamesMustNotContainFolders() {
        assertThrows(IllegalArgumentException.class, () -> Results.saveCsv(ResultsTest.runs(), "../x.csv"));
    }

    @Test
    void loadingAMissingFileNamesTheFolder(@TempDir Path dir) {
        Results.useFolder(dir);
        var e = assertThrows(IllegalArgumentException.class, () -> Results.loadCsv("none.csv"));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
}
