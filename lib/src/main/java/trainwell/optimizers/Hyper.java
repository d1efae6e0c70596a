package trainwell.optimizers;

import trainwell.core.Args;

/** Range checks shared by the hyper-parameter records of the Adam family and Lion. */
final class Hyper {

    private Hyper() {}

    /** Checks that both decay rates lie in [0, 1), as PyTorch requires. */
    static void betas(double beta1, double beta2) {
        Args.inRangeExclusive("beta1", beta1, 0, 1);
        Args.inRangeExclusive("beta2", beta2, 0, 1);
    }
}
