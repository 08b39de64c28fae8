/* What fpcheck checks of mylib: `fpcheck run --kernels my_checks.c`. */
#include <fpcheck/kernel.h>

#include "mylib.h"

const struct fpc_user_kernel fpc_user_kernels[] = {
    FPC_DOUBLE1(mylib_exp, "exp"),
    FPC_FLOAT1(mylib_expf, "exp"),
    FPC_DOUBLE1(mylib_smoothstep, NULL), /* compared between builds only */
    FPC_END,
};
