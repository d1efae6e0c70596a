package trainwell.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import trainwell.core.Args;
import trainwell.notebook.Show;

/** A finished chart description that can be rendered to an image, shown in a notebook, or saved. */
public interface Plot {

    /** Renders the chart to an image of the theme's size. */
    BufferedImage image();

    /** Shows the chart inline in a notebook (a one-line note outside a kernel). */
    default void show() {
        Show.image(image());
    }

    /** Writes the chart as a PNG file, creating parent folders; returns the path. */
    default Path savePng(Path file) {
        Args.notNull("file", file);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(image(), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
