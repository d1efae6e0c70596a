package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void headingsAndParagraphs() {
        assertEquals("<h2>Warmup</h2><p>The LR goes up, then down.</p>",
                Markdown.toHtml("## Warmup\n\nThe LR goes\nup, then down."));
    }

    @Test
    void emphasisCodeAndLinks() {
        assertEquals("<p><strong>bold</strong>, <em>it</em>, <code>a*b*c</code> and <a href=\"https://x.org\">x</a></p>",
                Markdown.toHtml("**bold**, *it*, `a*b*c` and [x](https://x.org)"));
    }

    @Test
    void bulletAndNumberedLists() {
        assertEquals("<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>",
                Markdown.toHtml("- one\n- two\n\n1. first"));
    }

    @Test
    void codeBlocksAreLiteralAndEscaped() {
        assertEquals("<pre><code>if (a &lt; b) **x**\n</code></pre>",
                Markdown.toHtml("```java\nif (a < b) **x**\n```"));
    }

    @Test
    void htmlInTextIsEscaped() {
        assertEquals("<p>&lt;script&gt;</p>", Markdown.toHtml("<script>"));
    }

    @Test
    void snakeCaseNamesAreNotItalicised() {
        assertEquals("<p>use label_smoothing and weight_decay</p>", Markdown.toHtml("use label_smoothing and weight_decay"));
    }
}
