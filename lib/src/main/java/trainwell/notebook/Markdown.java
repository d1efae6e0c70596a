package trainwell.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Markdown-to-HTML converter for notebook output (headings, paragraphs, emphasis, code,
 * links, lists, block quotes), so that Markdown looks the same on every kernel.
 */
public final class Markdown {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d+[.)]\\s+(.*)$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])[*_](?![*\\s])(.+?)(?<![*\\s])[*_](?![*\\w])");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    private Markdown() {}

    /** Converts Markdown text to an HTML fragment. */
    public static String toHtml(String markdown) {
        List<String> lines = markdown.lines().toList();
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        String openList = null;
        boolean inCode = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                flush(out, paragraph);
                openList = closeList(out, openList);
                out.append(inCode ? "</code></pre>" : "<pre><code>");
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                out.append(Html.escape(line)).append('\n');
                continue;
            }
            Matcher h = HEADING.matcher(line);
            Matcher bullet = BULLET.matcher(line);
            Matcher numbered = NUMBERED.matcher(line);
            if (line.isBlank()) {
                flush(out, paragraph);
                openList = closeList(out, openList);
            } else if (h.matches()) {
                flush(out, paragraph);
                openList = closeList(out, openList);
                int level = h.group(1).length();
                out.append("<h").append(level).append('>').append(inline(h.group(2)))
                        .append("</h").append(level).append('>');
            } else if (bullet.matches() || numbered.matches()) {
                flush(out, paragraph);
                String kind = bullet.matches() ? "ul" : "ol";
                if (!kind.equals(openList)) {
                    closeList(out, openList);
                    out.append('<').append(kind).append('>');
                    openList = kind;
                }
                out.append("<li>").append(inline((bullet.matches() ? bullet : numbered).group(1))).append("</li>");
            } else if (line.startsWith(">")) {
                flush(out, paragraph);
                openList = closeList(out, openList);
                out.append("<blockquote>").append(inline(line.substring(1).strip())).append("</blockquote>");
            } else {
                paragraph.add(line.strip());
            }
        }
        if (inCode) {
            out.append("</code></pre>");
        }
        flush(out, paragraph);
        closeList(out, openList);
        return out.toString();
    }

    private static void flush(StringBuilder out, List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>");
            paragraph.clear();
        }
    }

    private static String closeList(StringBuilder out, String openList) {
        if (openList != null) {
            out.append("</").append(openList).append('>');
        }
        return null;
    }

    /** Inline markup: code spans first (their content is literal), then links, bold and italic. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher code = CODE.matcher(text);
        int last = 0;
        while (code.find()) {
            out.append(emphasis(Html.escape(text.substring(last, code.start()))));
            out.append("<code>").append(Html.escape(code.group(1))).append("</code>");
            last = code.end();
        }
        out.append(emphasis(Html.escape(text.substring(last))));
        return out.toString();
    }

    private static String emphasis(String escaped) {
        String s = LINK.matcher(escaped).replaceAll("<a href=\"$2\">$1</a>");
        s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
        return ITALIC.matcher(s).replaceAll("<em>$1</em>");
    }
}
