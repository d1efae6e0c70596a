package trainwell.notebook;

import java.util.Objects;

/**
 * A status line that updates in place in a notebook (e.g. "step 120/600  loss 2.31  lr 3.0e-4  ~40 s
 * left"). Updates are throttled so that a fast loop does not flood the front end; outside a kernel
 * only the final line is printed.
 */
public final class Progress {

    private static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private final Frontend frontend;
    private final String id;
    private long lastUpdate;
    private String last = "";
    private boolean done;

    private Progress(Frontend frontend, String id) {
        this.frontend = frontend;
        this.id = id;
        this.lastUpdate = System.nanoTime();
    }

    /** Starts a progress line showing {@code text}. */
    public static Progress start(String text) {
        Objects.requireNonNull(text, "text");
        Frontend f = Frontend.current();
        String id = f.isKernel() ? f.displayAs("text/html", line(text)) : null;
        Progress p = new Progress(f, id);
        p.last = text;
        return p;
    }

    /** Replaces the line's text; calls closer than half a second apart are skipped, except the last. */
    public void update(String text) {
        Objects.requireNonNull(text, "text");
        if (done) {
            return;
        }
        last = text;
        long now = System.nanoTime();
        if (now - lastUpdate >= MIN_INTERVAL_NANOS) {
            lastUpdate = now;
            send(text);
        }
    }

    /** Shows the final text (always, not throttled); further updates are ignored. */
    public void done(String text) {
        Objects.requireNonNull(text, "text");
        if (done) {
            return;
        }
        done = true;
        last = text;
        if (frontend.isKernel()) {
            send(text);
        } else {
            Show.console().println(text);
        }
    }

    /** The text most recently given, shown or not. */
    public String text() {
        return last;
    }

    private void send(String text) {
        if (frontend.isKernel() && id != null) {
            frontend.updateAs(id, "text/html", line(text));
        }
    }

    private static String line(String text) {
        return "<pre style=\"margin:0\">" + Html.escape(text) + "</pre>";
    }
}
