package trainwell.notebook.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The shape of JJava 1.0-a6+'s notebook API (BaseKernel, DisplayData, JupyterIO, DisplayStream), recording what it is sent. */
public class FakeNotebookKernel {

    /** The running kernel; null when none runs, as in a plain program. */
    public static FakeNotebookKernel running;

    /** Every display, in order. */
    public final List<Data> shown = new ArrayList<>();
    /** Every update, in order. */
    public final List<Data> updated = new ArrayList<>();
    private final IO io = new IO();

    public static FakeNotebookKernel notebookKernel() {
        return Objects.requireNonNull(running, "No kernel running. Likely called outside of the notebook lifecycle");
    }

    public void display(Data data) {
        shown.add(data);
    }

    public IO getIO() {
        return io;
    }

    /** Like JJava's DisplayData: a MIME bundle with a display id. */
    public static class Data {
        public final Map<String, Object> bundle = new LinkedHashMap<>();
        public String id;

        public void putData(String mime, Object value) {
            bundle.put(mime, value);
        }

        public Data setDisplayId(String id) {
            this.id = id;
            return this;
        }
    }

    /** Like JJava's JupyterIO: a public field {@code display}. */
    public class IO {
        public final Stream display = new Stream();
    }

    /** Like JJava's DisplayStream. */
    public class Stream {
        public void updateDisplay(String id, Data data) {
            data.setDisplayId(id);
            updated.add(data);
        }
    }
}
