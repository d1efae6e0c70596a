package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void mobyDickIsTheWholeNovel() {
        String text = Datasets.mobyDick();
        assertEquals(1_190_317, text.length());
        assertTrue(text.startsWith("CHAPTER 1. Loomings.\n\nCall me Ishmael."));
        assertTrue(text.strip().endsWith("five thousand years ago."));
        assertEquals(83, text.chars().distinct().count());
    }

    @Test
    void sentimentHasFiveHundredOfEachLabelPerSource() {
        List<LabelledSentence> sentences = Datasets.sentiment();
        assertEquals(Datasets.SENTIMENT_SIZE, sentences.size());
        Map<String, Long> counts = sentences.stream()
                .collect(Collectors.groupingBy(s -> s.source() + s.label(), Collectors.counting()));
        assertEquals(Map.of("amazon0", 500L, "amazon1", 500L, "imdb0", 500L, "imdb1", 500L, "yelp0", 500L,
                "yelp1", 500L), counts);
    }

    @Test
    void sentimentKeepsTheFileOrderAndText() {
        LabelledSentence first = Datasets.sentiment().get(0);
        assertEquals(new LabelledSentence("amazon", 0,
                "So there is no way for me to plug it in here in the US unless I go by a converter."), first);
    }

    @Test
    void rejectsAFileThatIsNotInTheDataFolder() {
        assertThrows(IllegalArgumentException.class, () -> Datasets.file("missing.txt"));
    }
}
