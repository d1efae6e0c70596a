package trainwell.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TranslationDataTest {

    private static NDManager manager;
    private static TranslationData data;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        List<TextPair> pairs = Tasks.englishNumbers(0, 999).pairs(100, 1);
        data = TranslationData.encode(pairs, CharTokenizer.fit(pairs.stream().map(TextPair::source).toList()),
                CharTokenizer.fit("0123456789"));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void batchesHaveTheLongestLengthsOfTheirExamples() {
        int[] indices = {0, 1, 2, 3};
        int longestSource = Arrays.stream(indices).map(i -> data.pair(i).source().length()).max().orElseThrow();
        int longestTarget = Arrays.stream(indices).map(i -> data.pair(i).target().length()).max().orElseThrow();
        try (NDManager step = manager.newSubManager(); Seq2SeqBatch batch = data.batch(step, indices)) {
            assertEquals(new Shape(4, longestSource), batch.source().getShape());
            assertEquals(new Shape(4, longestTarget + 1), batch.decoderLabel().getShape());
        }
    }

    @Test
    void decodingTheLabelsGivesBackTheTargets() {
        try (NDManager step = manager.newSubManager(); Seq2SeqBatch batch = data.batch(step, new int[] {5, 6})) {
            NDArray labels = batch.decoderLabel();
            for (int row = 0; row < 2; row++) {
                assertEquals(data.pair(5 + row).target(), data.targetTokenizer().decode(labels.get(row).toIntArray()));
            }
        }
    }

    @Test
    void anEpochVisitsEveryExampleOnce() {
        List<int[]> epoch = data.epoch(32, 3);
        assertEquals(List.of(32, 32, 32, 4), epoch.stream().map(b -> b.length).toList());
        assertArrayEquals(java.util.stream.IntStream.range(0, 100).toArray(),
                epoch.stream().flatMapToInt(Arrays::stream).sorted().toArray());
    }

    @Test
    void epochsAreDeterministicBySeed() {
        String a = data.epoch(10, 3).stream().map(Arrays::toString).collect(Collectors.joining());
        String b = data.epoch(10, 3).stream().map(Arrays::toString).collect(Collectors.joining());
        String c = data.epoch(10, 4).stream().map(Arrays::toString).collect(Collectors.joining());
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void reportsTheLongestSequences() {
        int longestSource = 0;
        int longestTarget = 0;
        for (int i = 0; i < data.size(); i++) {
            longestSource = Math.max(longestSource, data.pair(i).source().length());
            longestTarget = Math.max(longestTarget, data.pair(i).target().length());
        }
        assertEquals(longestSource, data.longestSource());
        assertEquals(longestTarget, data.longestTarget());
    }

    @Test
    void characterLevelFitsSeparateVocabulariesOnSourcesAndTargets() {
        TranslationData chinese = TranslationData.characterLevel(Tasks.chineseNumbers(0, 999_999).pairs(2000, 1));
        assertEquals(4 + 10, chinese.targetTokenizer().vocabulary().size()); // the ten digits
        assertEquals(4 + 14, chinese.sourceTokenizer().vocabulary().size()); // 零, 一..九, 十 百 千 万
    }
}
