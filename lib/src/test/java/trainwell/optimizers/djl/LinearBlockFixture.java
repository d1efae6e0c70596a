package trainwell.optimizers.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A DJL Linear block of 4 inputs and 3 outputs (a 3x4 "weight", a "bias" of 3) on a manager of its own per test. */
abstract class LinearBlockFixture {

    NDManager manager;
    Linear block;
    Parameter weight;
    Parameter bias;

    @BeforeEach
    void openBlock() {
        manager = NDManager.newBaseManager();
        block = Linear.builder().setUnits(3).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        weight = block.getParameters().get("weight");
        bias = block.getParameters().get("bias");
    }

    @AfterEach
    void closeBlock() {
        manager.close();
    }

    /** One update of each of {@code which} (both parameters when none is given) with gradient {@code g} everywhere. */
    void step(Optimizer optimizer, float g, Parameter... which) {
        for (Parameter p : which.length == 0 ? List.of(weight, bias) : List.of(which)) {
            try (NDManager tmp = manager.newSubManager()) {
                optimizer.update(p.getId(), p.getArray(), tmp.full(p.getArray().getShape(), g));
            }
        }
    }
}
