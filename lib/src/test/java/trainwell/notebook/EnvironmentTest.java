package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import trainwell.core.Language;

class EnvironmentTest {

    @Test
    void reportsTheVersionsOfTheCoursesDependencies() {
        Environment.Report r = Environment.inspect();
        assertEquals("0.44.4", r.versions().get("Tablesaw"));
        assertEquals("4.0.3", r.versions().get("XChart"));
        assertEquals("0.36.0", r.versions().get("DJL"));
        assertTrue(r.versions().get("DJL engine").startsWith("PyTorch 2.7.1"), r.versions().toString());
    }

    @Test
    void theTestJvmIsConfiguredLikeTheKernel() {
        Environment.Report r = Environment.inspect();
        assertTrue(r.ok(), r.toText());
        assertTrue(r.toText().endsWith("All set: the course's environment is complete."), r.toText());
    }

    @Test
    void everyProblemSaysWhatToRun() {
        String offline = System.getProperty("ai.djl.offline");
        try {
            System.clearProperty("ai.djl.offline");
            Environment.Report r = Environment.inspect();
            assertEquals(1, r.problems().size(), r.problems().toString());
            assertTrue(r.problems().get(0).contains("run bin/start"), r.problems().get(0));
        } finally {
            System.setProperty("ai.djl.offline", offline);
        }
    }

    @Test
    void chartsDrawChineseForTheChineseEdition() {
        // bin/setup installs fonts-noto-cjk; without it Java draws the Chinese edition's labels as empty boxes.
        assertTrue(Environment.canDrawChinese(), "no CJK font: apt-get install fonts-noto-cjk");
        System.setProperty(Language.PROPERTY, "zh");
        try {
            Environment.Report r = Environment.inspect();
            assertTrue(r.ok(), r.toText());
            assertEquals("zh", r.versions().get("Language"));
            assertTrue(r.toText().endsWith("一切就绪：课程环境完整。"), r.toText());
        } finally {
            System.clearProperty(Language.PROPERTY);
        }
    }
}
