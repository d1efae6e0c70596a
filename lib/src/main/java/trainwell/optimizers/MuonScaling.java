package trainwell.optimizers;

import trainwell.core.Args;

/**
 * How Muon sizes its orthogonalized update of a rows x cols matrix, before the learning rate multiplies it.
 *
 * <p>After Newton-Schulz every singular value of the update is near 1, so its size depends only on the
 * matrix's shape: a rows x cols matrix with min(rows, cols) singular values of 1 has a root-mean-square entry
 * of {@code 1 / sqrt(max(rows, cols))}. The two rules differ in what they make that size comparable to:
 * <ul>
 *   <li>{@link #REFERENCE}: the same spectral size for every matrix (Muon's own learning rate, about 0.02,
 *   is "spectral norm per step"); AdamW, on the other parameters, needs its own learning rate.
 *   <li>{@link #MOONLIGHT}: the same entry size as a typical AdamW update (RMS 0.2 to 0.4), so that Muon can
 *   use AdamW's learning rate and weight decay: one learning-rate sweep then serves both, and a run can swap
 *   AdamW for Muon without retuning. That is why it is the library's default.
 * </ul>
 * In {@code torch.optim.Muon} these are {@code adjust_lr_fn="original"} (its default) and
 * {@code "match_rms_adamw"}.
 */
public enum MuonScaling {

    /**
     * {@code sqrt(max(1, rows / cols))}, as KellerJordan/Muon {@code muon.py} ({@code muon_update}): 1 for
     * a wide or square matrix, larger for a tall one.
     */
    REFERENCE,

    /**
     * {@code 0.2 * sqrt(max(rows, cols))}: Moonlight's update-RMS matching rule (Liu et al. 2025, "Muon is
     * Scalable for LLM Training", arXiv 2502.16982; MoonshotAI/Moonlight {@code adjust_lr_for_muon}), which
     * gives every matrix's update an RMS of 0.2, like AdamW's.
     */
    MOONLIGHT;

    /** The factor that multiplies the orthogonalized update of a {@code rows} x {@code cols} matrix. */
    public double factor(long rows, long cols) {
        Args.positive("rows", (double) rows);
        Args.positive("cols", (double) cols);
        return this == REFERENCE ? Math.sqrt(Math.max(1.0, (double) rows / cols))
                : 0.2 * Math.sqrt(Math.max(rows, cols));
    }
}
