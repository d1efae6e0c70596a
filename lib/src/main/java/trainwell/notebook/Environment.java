package trainwell.notebook;

import ai.djl.engine.Engine;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import trainwell.core.Language;

/** Checks that the course's environment is complete and reports the versions in use. */
public final class Environment {

    /** The one command that repairs a missing piece, named in every problem message. */
    public static final String FIX = "run bin/start (or bin/setup) from the course folder";

    /** What {@link #check()} found: a version per component and the problems, each one sentence. */
    public record Report(Map<String, String> versions, List<String> problems) {
        /** True when nothing is missing. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The report as aligned text lines. */
        public String toText() {
            StringBuilder b = new StringBuilder();
            versions.forEach((k, v) -> b.append(String.format("%-16s %s%n", k, v)));
            if (problems.isEmpty()) {
                b.append(Language.text("All set: the course's environment is complete.", "一切就绪：课程环境完整。"));
            } else {
                problems.forEach(p -> b.append("PROBLEM: ").append(p).append(System.lineSeparator()));
            }
            return b.toString().strip();
        }
    }

    private Environment() {}

    /** Inspects the environment without printing. */
    public static Report inspect() {
        Map<String, String> versions = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        versions.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("Kernel", Frontend.current().name().toLowerCase());
        versions.put("CPU cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        versions.put("Max heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        versions.put("Tablesaw", mavenVersion("tech.tablesaw", "tablesaw-core", problems, "Tablesaw"));
        versions.put("XChart", mavenVersion("org.knowm.xchart", "xchart", problems, "XChart"));
        try {
            versions.put("DJL", Engine.getDjlVersion());
            Engine engine = Engine.getInstance();
            versions.put("DJL engine", engine.getEngineName() + " " + engine.getVersion());
            String threads = System.getProperty("ai.djl.pytorch.num_threads");
            versions.put("Engine threads", threads == null ? "PyTorch default (all cores)" : threads);
        } catch (RuntimeException | LinkageError e) {
            problems.add("DJL's PyTorch engine did not start (" + firstLine(e) + "): " + FIX + ".");
        }
        versions.put("DJL offline", Boolean.toString(Boolean.getBoolean("ai.djl.offline")));
        if (!Boolean.getBoolean("ai.djl.offline")) {
            problems.add("DJL may try to download at run time (ai.djl.offline is not true): " + FIX + ".");
        }
        versions.put("Headless AWT", Boolean.toString(GraphicsEnvironment.isHeadless()));
        try {
            BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            img.createGraphics().drawString("x", 0, 3);
        } catch (RuntimeException | Error e) {
            problems.add("Charts cannot be drawn (" + firstLine(e) + "); install fontconfig and a font: " + FIX + ".");
        }
        boolean chinese = canDrawChinese();
        versions.put("Chinese in charts", Boolean.toString(chinese));
        if (!chinese && Language.current() == Language.ZH) {
            problems.add("Charts cannot draw Chinese labels (no CJK font for Java's SansSerif): install fonts-noto-cjk "
                    + "(bin/setup does): " + FIX + ".");
        }
        versions.put("Language", Language.current().name().toLowerCase(java.util.Locale.ROOT));
        return new Report(versions, List.copyOf(problems));
    }

    /** True when the charts' font (Java's logical SansSerif, fontconfig's fallbacks included) draws Chinese. */
    public static boolean canDrawChinese() {
        return new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12).canDisplayUpTo(CHINESE_SAMPLE) < 0;
    }

    /** Characters the Chinese edition's charts use (学习率, 预热, 损失, 验证, 步数). */
    static final String CHINESE_SAMPLE = "学习率预热损失验证步数";

    /** Inspects the environment and prints the report (use {@link #inspect()} to get it as a value). */
    public static void check() {
        Show.text(inspect().toText());
    }

    /** Prints the report from a terminal; exits with status 1 when something is missing. */
    public static void main(String[] args) {
        Report r = inspect();
        System.out.println(r.toText());
        if (!r.ok()) {
            System.exit(1);
        }
    }

    private static String mavenVersion(String group, String artifact, List<String> problems, String label) {
        String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Environment.class.getResourceAsStream(path)) {
            if (in == null) {
                problems.add(label + " is not on the classpath: " + FIX + ".");
                return "missing";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
