package trainwell.models;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the model tests: one native-memory manager per test class, closed after its last test. */
public abstract class WithManager {

    /** The class's manager; tests open sub-managers of it. */
    protected static NDManager manager;

    @BeforeAll
    protected static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    protected static void closeManager() {
        manager.close();
    }
}
