/// One-line descriptions of the standard components, shown by `flowlab components`.
///
/// Keyed by `kind/name`; `RegistryTests` checks that every registered component has one, so a new
/// component cannot be added without saying what it is.
enum ComponentDescriptions {
    static let standard: [String: String] = [
        "scheduler/condot": "conditional optimal transport: alpha_t = t, sigma_t = 1 - t (straight paths)",
        "scheduler/polynomial": "polynomial convex schedule alpha_t = kappa_t = t^n, sigma_t = 1 - t^n (n = 1 is CondOT)",
        "scheduler/cosine": "cosine schedule: alpha_t = sin(pi t / 2), sigma_t = cos(pi t / 2)",
        "scheduler/linear_vp": "linear variance-preserving: alpha_t = t, sigma_t = sqrt(1 - t^2)",
        "scheduler/vp": "variance-preserving schedule of score-based diffusion (linear beta from beta_min to beta_max), in flow-matching time",
        "path/affine": "affine Gaussian path x_t = alpha_t x_1 + sigma_t x_0 (continuous modalities)",
        "path/mixture": "mixture path: each token is x_1 with probability kappa_t, else the source token (discrete modalities)",
        "source/gaussian": "standard normal noise (continuous modalities)",
        "source/uniform": "uniform random tokens (discrete modalities)",
        "source/mask": "every token starts as the mask token (discrete modalities)",
        "source/cross_guidance": "CrossFlows' source: with the given probability the label starts from the base source, else from data",
        "time_sampler/uniform": "t ~ U(0, upper)",
        "time_sampler/logit_normal": "t = sigmoid(z), z ~ N(mean, std) (SD3's sampler)",
        "time_sampler/skewed": "logit-normal skewed towards noise (flow_matching's image example: mean -1.2, std 1.2)",
        "loss/mse": "mean squared error of the predicted velocity (continuous modalities)",
        "loss/cross_entropy": "cross-entropy of the predicted clean token (discrete modalities)",
        "loss/generalized_kl": "generalized KL of the mixture path (flow_matching's MixturePathGeneralizedKL; discrete modalities)",
        "solver/euler": "Euler ODE steps for continuous modalities; discrete modalities step with the option 'discrete' (euler or jump_schedule)",
        "solver/midpoint": "midpoint (2nd-order) ODE steps for continuous modalities; discrete modalities as for euler",
        "solver/heun": "Heun (2nd-order) ODE steps for continuous modalities; discrete modalities as for euler",
        "guidance/cfg": "classifier-free guidance on the condition; one sampling configuration per scale",
        "guidance/cross": "CrossFlows cross-guidance: the discrete state starts from the prompt and evolves with the points; optional CFG on the velocity",
        "guidance/frozen_prompt": "joint flow with the prompt held fixed (the label never jumps), optionally with CFG",
        "guidance/unconditional": "both states start from their sources (unconditional joint generation)",
        "model/mlp_flow": "MLP velocity/posterior network of the toy experiments (points and one label token)",
        "model/dit": "diffusion transformer image flow (facebookresearch/DiT names) conditioned on caption tokens through adaLN and cross-attention; text_encoder: minilm reads captions through frozen, per-caption-cached all-MiniLM-L6-v2 instead (text_features: tokens = token states cross-attended and mean-pooled into adaLN, pooled = sentence vector into adaLN only)",
        "dataset/shapes": "procedural captioned shapes (exact ground truth): modalities image [S, S, 3] and caption [L] word tokens",
        "dataset/hdf5": "captioned images from files written by flowlab data import or render: modalities image and caption",
        "dataset/gaussian_grid": "CrossFlows Appendix C.1: a Gaussian mixture on a circle, labelled by grid cell (c = i + j)",
        "metric/label_agreement": "fraction of samples whose grid label equals the conditioning label (and the final label, for joint flows)",
        "metric/label_tv": "total variation between generated and held-out label histograms",
        "metric/rare_label_mass_ratio": "generated over real mass on the rarest and on the most common 20% of labels (1 is faithful)",
        "metric/mode_tv": "total variation between the share of samples nearest each mixture mean and uniform",
        "metric/sliced_wasserstein": "sliced 2-Wasserstein distance to held-out data (128 fixed projections)",
        "metric/prompt_change_rate": "fraction of joint samples whose final label differs from the starting prompt",
    ]
}
