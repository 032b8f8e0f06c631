#!/usr/bin/env python3
"""The Python side of the machine `make bench` runs on: PyTorch's and NumPy's BLAS and threads, as JSON.

PyTorch wheels link Intel MKL (BLAS_INFO=mkl) and pick kernels by CPU capability (AVX2, AVX512); NumPy
wheels bundle their own OpenBLAS. Both change what "faster than PyTorch" or "faster than scipy" means on
a given CPU, so FlowBench prints this next to every ratio.

Usage: python3 Scripts/bench/machine_info.py   (honours OMP_NUM_THREADS like the benchmarks do)
"""
import json
import re


def torch_info():
    try:
        import torch
    except Exception as error:  # not installed: the benchmarks skip PyTorch and say so
        return {"available": False, "reason": str(error)}
    config = torch.__config__.show()
    blas = re.search(r"BLAS_INFO=([^,\s]+)", config)
    capability = re.search(r"CPU capability usage: (\S+)", config)
    mkl = re.search(r"Math Kernel Library Version ([^\s]+)", config)
    return {
        "available": True,
        "version": torch.__version__,
        "blas": blas.group(1) if blas else "unknown",
        "mkl_version": mkl.group(1) if mkl else None,
        "cpu_capability": capability.group(1) if capability else "unknown",
        "threads": torch.get_num_threads(),
    }


def numpy_info():
    try:
        import numpy
    except Exception as error:
        return {"available": False, "reason": str(error)}
    blas = "unknown"
    try:
        config = numpy.show_config(mode="dicts")
        details = config.get("Build Dependencies", {}).get("blas", {})
        blas = "%s %s" % (details.get("name", "?"), details.get("version", "?"))
    except Exception:
        pass
    info = {"available": True, "version": numpy.__version__, "blas": blas}
    try:
        from threadpoolctl import threadpool_info
        pools = [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]
        if pools:
            info["blas_threads"] = pools[0].get("num_threads")
            info["blas_core"] = pools[0].get("architecture")
    except Exception:
        pass
    return info


if __name__ == "__main__":
    print(json.dumps({"torch": torch_info(), "numpy": numpy_info()}))
