"""Whether OpenBLAS's float32 product of the whole matrix equals the same product taken in blocks of rows.

FlowTensor splits a large product into one block of rows (or columns) of C per thread, so if the two differ, a
product's bits depend on the thread count. Run with the kernels a run uses, e.g.

    OPENBLAS_CORETYPE=Haswell python3 Scripts/checks/gemm_row_split.py

Prints, per shape (M, K, N) and number of blocks, the fraction of output elements whose bits differ.
"""
import ctypes
import ctypes.util
import os

import numpy as np

library = ctypes.CDLL(ctypes.util.find_library("openblas") or "libopenblas.so.0")
library.openblas_get_corename.restype = ctypes.c_char_p
library.openblas_set_num_threads(1)
ROW_MAJOR, NO_TRANSPOSE = 101, 111
FLOAT_POINTER = ctypes.POINTER(ctypes.c_float)


def product(a, b):
    """C = A B by one single-threaded cblas_sgemm."""
    m, k = a.shape
    n = b.shape[1]
    c = np.zeros((m, n), np.float32)
    library.cblas_sgemm(ROW_MAJOR, NO_TRANSPOSE, NO_TRANSPOSE, m, n, k, ctypes.c_float(1.0),
                        a.ctypes.data_as(FLOAT_POINTER), k, b.ctypes.data_as(FLOAT_POINTER), n,
                        ctypes.c_float(0.0), c.ctypes.data_as(FLOAT_POINTER), n)
    return c


def main():
    print(f"OpenBLAS kernels: {library.openblas_get_corename().decode()} "
          f"(OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})")
    generator = np.random.default_rng(0)
    for m, k, n in [(64, 32, 32), (256, 384, 384), (1024, 512, 128), (4096, 128, 512), (2464, 384, 1536)]:
        a = generator.standard_normal((m, k)).astype(np.float32)
        b = generator.standard_normal((k, n)).astype(np.float32)
        whole = product(a, b)
        for blocks in (2, 3):
            bounds = np.linspace(0, m, blocks + 1).astype(int)
            split = np.concatenate([product(np.ascontiguousarray(a[start:end]), b)
                                    for start, end in zip(bounds[:-1], bounds[1:])])
            differing = np.mean(whole.view(np.uint32) != split.view(np.uint32))
            print(f"{m} x {k} x {n}, {blocks} row blocks: {differing:.1%} of outputs differ in their bits")


if __name__ == "__main__":
    main()
