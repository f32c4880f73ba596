//! Linear layers: `x · Wᵀ` with the weight laid out once, at load time, for the CPU.
//!
//! On CPUs with AVX-512 the weight is cut into panels of [`PANEL`] output columns, each
//! stored input-major. The kernel streams one panel through 16-wide registers, and it keeps
//! a block of [`BLOCK`] rows of results in registers for the whole inner dimension.
//! The weight is never repacked per call, which a general-purpose gemm does on every call.
//! Elsewhere the weight stays row-major and goes to the `gemm` crate.
//!
//! The arithmetic stays f32. bfloat16 products (AVX-512 BF16) would double the rate, but
//! rounding the activations to 8 significant bits moved P(A) of the default model by up to
//! 0.062 from llama.cpp's. It also made a prompt scored in a batch differ from the same
//! prompt scored alone by about 1e-3, where the two must agree within 1e-4.

use rayon::prelude::*;

use super::kernels;

/// Output columns per weight panel: three 16-lane registers.
pub const PANEL: usize = 48;
/// Rows of `x` whose results one kernel call keeps in registers.
pub const BLOCK: usize = 8;
/// Rows of `x` one task multiplies by every panel; sized so that these rows and one panel
/// stay in the core's L2 cache.
const ROW_GROUP: usize = 64;

/// A linear layer `[out, inner]`.
pub struct Linear {
    out: usize,
    inner: usize,
    layout: Layout,
}

enum Layout {
    /// Row-major `[out, inner]`, as GGUF stores it.
    RowMajor(Vec<f32>),
    /// `[out.div_ceil(PANEL), inner, PANEL]`, the columns past `out` zero.
    Panels(Vec<f32>),
}

impl Linear {
    /// Takes a row-major `[out, inner]` weight and lays it out for this CPU.
    pub fn new(weight: Vec<f32>, out: usize, inner: usize) -> Self {
        assert_eq!(weight.len(), out * inner, "weight is not [out, inner]");
        let layout = if avx512::available() {
            Layout::Panels(pack_panels(&weight, out, inner))
        } else {
            Layout::RowMajor(weight)
        };
        Self { out, inner, layout }
    }

    /// Lays the weight out row-major whatever the CPU, for comparisons in tests.
    #[cfg(test)]
    pub fn row_major(weight: Vec<f32>, out: usize, inner: usize) -> Self {
        assert_eq!(weight.len(), out * inner, "weight is not [out, inner]");
        Self {
            out,
            inner,
            layout: Layout::RowMajor(weight),
        }
    }

    /// Names the arithmetic and weight layout, for the run manifest.
    pub fn describe(&self) -> &'static str {
        match self.layout {
            Layout::RowMajor(_) => "f32 (gemm)",
            Layout::Panels(_) => "f32 (AVX-512 panels)",
        }
    }

    /// `x · Wᵀ` for `x` of `[rows, inner]`; returns `[rows, out]`. Runs on the current rayon
    /// pool.
    pub fn forward(&self, x: &[f32], rows: usize) -> Vec<f32> {
        assert_eq!(x.len(), rows * self.inner, "x is not [rows, inner]");
        let (out, inner) = (self.out, self.inner);
        let mut dst = vec![0.0f32; rows * out];
        if rows == 0 || out == 0 {
            return dst;
        }
        match &self.layout {
            Layout::RowMajor(weight) => return kernels::matmul_t(x, rows, weight, out),
            Layout::Panels(panels) => dst
                .par_chunks_mut(ROW_GROUP * out)
                .zip(x.par_chunks(ROW_GROUP * inner))
                .for_each(|(dst, x)| avx512::multiply(x, inner, panels, dst, out)),
        }
        dst
    }
}

/// Copies a row-major `[out, inner]` weight into panels of [`PANEL`] columns.
fn pack_panels(weight: &[f32], out: usize, inner: usize) -> Vec<f32> {
    let panels = out.div_ceil(PANEL);
    let mut packed = vec![0.0f32; panels * inner * PANEL];
    for (column, row) in weight.chunks_exact(inner).enumerate() {
        let (panel, lane) = (column / PANEL, column % PANEL);
        let base = panel * inner * PANEL + lane;
        for (k, &w) in row.iter().enumerate() {
            packed[base + k * PANEL] = w;
        }
    }
    packed
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    //! The AVX-512 kernel. Unsafe code is confined to this module: the loads and stores go
    //! through raw pointers whose bounds `multiply` checks once, before the loops.
    #![allow(unsafe_code)]

    use std::arch::x86_64::{
        __m512, __mmask16, _mm512_fmadd_ps, _mm512_loadu_ps, _mm512_mask_storeu_ps, _mm512_set1_ps,
        _mm512_setzero_ps, _mm512_storeu_ps,
    };

    use super::{BLOCK, PANEL};

    pub fn available() -> bool {
        std::arch::is_x86_feature_detected!("avx512f")
    }

    /// `dst = x · Wᵀ` for the rows of `x` (`[rows, inner]`) against every panel of `W`;
    /// `dst` is `[rows, out]`.
    pub fn multiply(x: &[f32], inner: usize, panels: &[f32], dst: &mut [f32], out: usize) {
        assert!(
            available(),
            "the AVX-512 kernel runs only where AVX-512 is present"
        );
        let rows = x.len() / inner;
        assert_eq!(x.len(), rows * inner, "x is not [rows, inner]");
        assert_eq!(dst.len(), rows * out, "dst is not [rows, out]");
        assert_eq!(
            panels.len(),
            out.div_ceil(PANEL) * inner * PANEL,
            "the panels do not match [out, inner]"
        );
        for (panel_index, panel) in panels.chunks_exact(inner * PANEL).enumerate() {
            let column = panel_index * PANEL;
            let width = PANEL.min(out - column);
            let mut row = 0;
            while row < rows {
                let block = BLOCK.min(rows - row);
                let tile = Tile {
                    x: &x[row * inner..(row + block) * inner],
                    inner,
                    panel,
                    dst: &mut dst[row * out..(row + block) * out],
                    out,
                    column,
                    width,
                };
                // SAFETY: `available()` was checked above, and `Tile` contains exactly
                // `block` rows of `x` and of `dst`, one panel, and a column range inside
                // `dst`'s rows, which is what `run` reads and writes.
                unsafe {
                    match block {
                        8 => tile.run::<8>(),
                        7 => tile.run::<7>(),
                        6 => tile.run::<6>(),
                        5 => tile.run::<5>(),
                        4 => tile.run::<4>(),
                        3 => tile.run::<3>(),
                        2 => tile.run::<2>(),
                        _ => tile.run::<1>(),
                    }
                }
                row += block;
            }
        }
    }

    /// One block of rows against one panel.
    struct Tile<'a> {
        /// `[M, inner]`.
        x: &'a [f32],
        inner: usize,
        /// `[inner, PANEL]`.
        panel: &'a [f32],
        /// `[M, out]`; the tile writes columns `column..column + width` of each row.
        dst: &'a mut [f32],
        out: usize,
        column: usize,
        width: usize,
    }

    impl Tile<'_> {
        /// # Safety
        ///
        /// The CPU must support AVX-512F, `x` and `dst` must hold exactly `M` rows, `panel`
        /// `inner * PANEL` elements, and `column + width <= out` with `width <= PANEL`.
        #[target_feature(enable = "avx512f")]
        unsafe fn run<const M: usize>(self) {
            debug_assert_eq!(self.x.len(), M * self.inner);
            debug_assert_eq!(self.dst.len(), M * self.out);
            debug_assert_eq!(self.panel.len(), self.inner * PANEL);
            debug_assert!(self.column + self.width <= self.out && self.width <= PANEL);
            let mut acc = [[_mm512_setzero_ps(); 3]; M];
            let x = self.x.as_ptr();
            let panel = self.panel.as_ptr();
            for k in 0..self.inner {
                // SAFETY: k < inner, so the three loads cover panel[k * PANEL..(k + 1) *
                // PANEL], inside the panel's `inner * PANEL` elements.
                let (b0, b1, b2) = unsafe {
                    let b = panel.add(k * PANEL);
                    (
                        _mm512_loadu_ps(b),
                        _mm512_loadu_ps(b.add(16)),
                        _mm512_loadu_ps(b.add(32)),
                    )
                };
                for (r, acc) in acc.iter_mut().enumerate() {
                    // SAFETY: r < M and k < inner, inside x's `M * inner` elements.
                    let a = _mm512_set1_ps(unsafe { *x.add(r * self.inner + k) });
                    acc[0] = _mm512_fmadd_ps(a, b0, acc[0]);
                    acc[1] = _mm512_fmadd_ps(a, b1, acc[1]);
                    acc[2] = _mm512_fmadd_ps(a, b2, acc[2]);
                }
            }
            let dst = self.dst.as_mut_ptr();
            for (r, acc) in acc.iter().enumerate() {
                for (lane_block, &sums) in acc.iter().enumerate() {
                    let start = lane_block * 16;
                    if start >= self.width {
                        break;
                    }
                    // SAFETY: r < M, and columns column + start .. column + start + live
                    // lie inside row r of dst because column + width <= out.
                    unsafe {
                        let at = dst.add(r * self.out + self.column + start);
                        store(at, sums, self.width - start);
                    }
                }
            }
        }
    }

    /// Stores the first `live` (at most 16 are written) lanes of `sums` at `at`.
    ///
    /// # Safety
    ///
    /// `at` must be valid for `min(live, 16)` writes and the CPU must support AVX-512F.
    #[target_feature(enable = "avx512f")]
    unsafe fn store(at: *mut f32, sums: __m512, live: usize) {
        if live >= 16 {
            // SAFETY: the caller guarantees 16 writable elements.
            unsafe { _mm512_storeu_ps(at, sums) };
        } else {
            let mask: __mmask16 = (1u16 << live) - 1;
            // SAFETY: the mask writes only the first `live` elements, which the caller
            // guarantees writable.
            unsafe { _mm512_mask_storeu_ps(at, mask, sums) };
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod avx512 {
    pub fn available() -> bool {
        false
    }

    pub fn multiply(_: &[f32], _: usize, _: &[f32], _: &mut [f32], _: usize) {
        unreachable!("panels are only built where AVX-512 is available")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::kernels::tests::pseudo_random;

    /// The panel layout (where the CPU has AVX-512) and the row-major layout agree with a
    /// plain f64 triple loop on shapes that leave partial blocks, panels and row groups.
    #[test]
    fn layouts_match_triple_loop() {
        for &(rows, inner, out) in &[
            (1, 3, 1),
            (7, 16, 47),
            (9, 64, 48),
            (65, 576, 97),
            (130, 33, 200),
        ] {
            let x = pseudo_random(rows * inner, 1);
            let w = pseudo_random(out * inner, 2);
            let mut expected = vec![0.0f64; rows * out];
            for r in 0..rows {
                for o in 0..out {
                    expected[r * out + o] = (0..inner)
                        .map(|i| f64::from(x[r * inner + i]) * f64::from(w[o * inner + i]))
                        .sum();
                }
            }
            for linear in [
                Linear::new(w.clone(), out, inner),
                Linear::row_major(w.clone(), out, inner),
            ] {
                let got = linear.forward(&x, rows);
                for (index, (&g, &e)) in got.iter().zip(&expected).enumerate() {
                    assert!(
                        (f64::from(g) - e).abs() < 1e-3,
                        "{}: [{rows}, {inner}] x [{out}]: element {index} is {g}, expected {e}",
                        linear.describe()
                    );
                }
            }
        }
    }

    #[test]
    fn panels_pad_the_last_columns_with_zeros() {
        let packed = pack_panels(&[1.0, 2.0, 3.0, 4.0], 2, 2);
        assert_eq!(packed.len(), 2 * PANEL);
        assert_eq!(&packed[..3], &[1.0, 3.0, 0.0]);
        assert_eq!(&packed[PANEL..PANEL + 3], &[2.0, 4.0, 0.0]);
    }
}
