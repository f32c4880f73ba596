use std::process::ExitCode;

fn main() -> ExitCode {
    limit_candle_elementwise_threads();
    pactc::cli::main()
}

/// Runs candle's element-wise kernels on the calling thread unless the user chose otherwise.
///
/// candle 0.11 spreads element-wise operations over a pool whose workers spin at a barrier
/// between operations. With the matrix multiplies already using every core, the spinning
/// took a third or more of the CPU time of the embedded backend, and scoring was 1.7 to 2.3
/// times faster with the pool at one thread (`cargo bench --bench embedded`, 2 cores).
/// The matrix multiplies keep all cores: they run on rayon, which this setting leaves alone.
/// `.cargo/config.toml` sets the same value for `cargo test` and `cargo bench`.
fn limit_candle_elementwise_threads() {
    if std::env::var_os("CANDLE_NUM_THREADS").is_none() {
        // SAFETY: this runs first in `main`, before any thread exists, so no other thread
        // can read the environment while it changes.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("CANDLE_NUM_THREADS", "1");
        }
    }
}
