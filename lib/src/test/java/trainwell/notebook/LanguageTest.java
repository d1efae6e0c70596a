package trainwell.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import trainwell.claims.Claim;
import trainwell.claims.ClaimResult;
import trainwell.core.Language;
import trainwell.exercises.Check;
import trainwell.exercises.CheckResult;
import trainwell.exercises.Exercise;

/** The library's messages in the kernel's language: English by default, Chinese for the Chinese edition. */
class LanguageTest {

    @AfterEach
    void english() {
        System.clearProperty(Language.PROPERTY);
    }

    @Test
    void thePropertyChoosesTheLanguage() {
        System.setProperty(Language.PROPERTY, "zh");
        assertEquals(Language.ZH, Language.current());
        assertEquals("中", Language.text("en", "中"));
        assertEquals("3 个", Language.format("%d of", "%d 个", 3));
        System.setProperty(Language.PROPERTY, "en");
        assertEquals(Language.EN, Language.current());
        assertEquals("3 of", Language.format("%d of", "%d 个", 3));
    }

    @Test
    void aSettingOtherThanEnOrZhIsNamedInTheError() {
        System.setProperty(Language.PROPERTY, "fr");
        var e = assertThrows(IllegalArgumentException.class, Language::current);
        assertTrue(e.getMessage().contains("trainwell.language") && e.getMessage().contains("'fr'"), e.getMessage());
        var env = assertThrows(IllegalArgumentException.class, () -> Language.parse(Language.ENV, "chinese"));
        assertTrue(env.getMessage().contains("COURSE_LANG") && env.getMessage().contains("'chinese'"), env.getMessage());
    }

    @Test
    void regionsAndCaseAreAccepted() {
        assertEquals(Language.ZH, Language.parse(Language.ENV, " zh_CN "));
        assertEquals(Language.ZH, Language.parse(Language.ENV, "ZH-Hans"));
        assertEquals(Language.EN, Language.parse(Language.ENV, "en_US.UTF-8"));
    }

    @Test
    void aKernelStartedInNotebooksZhSpeaksChinese() {
        assertEquals(Language.ZH, Language.ofFolder(Path.of("/course/notebooks/zh")));
        assertEquals(Language.EN, Language.ofFolder(Path.of("/course/notebooks")));
        assertEquals(Language.EN, Language.ofFolder(Path.of("/course/notebooks/solutions")));
        assertEquals(Language.EN, Language.ofFolder(Path.of("/elsewhere/zh")));
        assertEquals(Language.EN, Language.ofFolder(Path.of("/")));
    }

    @Test
    void claimsReadInChinese() {
        System.setProperty(Language.PROPERTY, "zh");
        String held = new ClaimResult("AdamW 的损失更低", true, "loss = 2.1", "").toMarkdown();
        assertTrue(held.contains("断言成立") && held.contains("测得：loss = 2.1") && !held.contains("holds"), held);
        String failed = new ClaimResult("AdamW 的损失更低", false, "loss = 2.1", "loss ≤ 2").toMarkdown();
        assertTrue(failed.contains("断言不成立") && failed.contains("预期 loss ≤ 2") && !failed.contains("expected"), failed);
        assertTrue(Claim.summary().startsWith("本次运行检查了"), Claim.summary());
        assertEquals("断言 'AdamW 的损失更低'：成立", new ClaimResult("AdamW 的损失更低", true, "", "").toString());
        System.setProperty(Language.PROPERTY, "en");
        assertTrue(new ClaimResult("x", true, "", "").toMarkdown().contains("**Claim holds:**"));
    }

    @Test
    void checksReadInChinese() {
        System.setProperty(Language.PROPERTY, "zh");
        CheckResult wrong = Check.number("峰值学习率", 0.01, 0.001, 1e-6, "看看预热的长度");
        assertTrue(wrong.message().startsWith("预期 0.001，但得到 0.01。") && wrong.message().contains("提示：看看预热的长度"),
                wrong.message());
        CheckResult todo = Check.number("峰值学习率", Exercise.TODO, 0.001, 1e-6);
        assertTrue(todo.notSolved() && todo.message().startsWith("尚未完成"), todo.message());
        assertEquals("检查 '峰值学习率'：尚未完成", todo.toString());
        CheckResult fn = Check.function("你的函数", x -> 2 * x, x -> 3 * x, new double[] {1, 2}, 1e-9);
        assertTrue(fn.failed() && fn.message().startsWith("在输入 1 处，预期 3，但得到 2") && fn.message().contains("2 个输入中有 2 个不一致"),
                fn.message());
        assertFalse(fn.message().matches(".*\\b(expected|input|inputs)\\b.*"), fn.message());
        System.setProperty(Language.PROPERTY, "en");
        assertTrue(Check.number("peak", 0.01, 0.001, 1e-6).message().startsWith("expected 0.001, but got 0.01."));
    }
}
