package trainwell.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real datasets committed under {@code data/} (see data/README.md for origin and licences). */
public final class Datasets {

    /** Number of sentences in the sentiment set (500 positive and 500 negative from each of 3 sources). */
    public static final int SENTIMENT_SIZE = 3000;

    private Datasets() {}

    /** The full text of Moby-Dick (1.19 million characters), for character-level language modelling. */
    public static String mobyDick() {
        return read(file(DataDirectory.MARKER));
    }

    /**
     * The UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015, CC BY 4.0): 3,000 sentences from
     * amazon, imdb and yelp reviews, label 1 = positive, 0 = negative, in file order.
     */
    public static List<LabelledSentence> sentiment() {
        String[] lines = read(file("sentiment/sentiment.tsv")).split("\n");
        List<LabelledSentence> sentences = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) { // line 0 is the header
            String[] fields = lines[i].split("\t", 3);
            if (fields.length != 3) {
                throw new IllegalStateException("sentiment.tsv line " + (i + 1) + " does not have 3 fields");
            }
            sentences.add(new LabelledSentence(fields[0], Integer.parseInt(fields[1]), fields[2]));
        }
        return List.copyOf(sentences);
    }

    /** The path of a file inside the data folder, e.g. {@code file("moby-dick.txt")}; throws if it is missing. */
    public static Path file(String name) {
        Path path = DataDirectory.find().resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("name must be a file in the data folder, got " + name + " (" + path + ")");
        }
        return path;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
