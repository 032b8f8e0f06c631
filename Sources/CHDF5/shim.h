#include <hdf5.h>

/* Swift cannot import HDF5's macro-valued identifiers; these getters expose them. */
static inline hid_t flowlab_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t flowlab_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t flowlab_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t flowlab_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t flowlab_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t flowlab_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t flowlab_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t flowlab_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t flowlab_h5p_link_create(void) { return H5P_LINK_CREATE; }
static inline hid_t flowlab_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t flowlab_h5s_all(void) { return H5S_ALL; }
static inline unsigned flowlab_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned flowlab_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned flowlab_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned flowlab_h5f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline int flowlab_h5open(void) { return H5open(); }

/* Additional getters for FlowHDF5 (macro-valued identifiers Swift cannot import). */
static inline hid_t flowlab_h5p_group_create(void) { return H5P_GROUP_CREATE; }
static inline hid_t flowlab_h5p_dataset_access(void) { return H5P_DATASET_ACCESS; }
static inline hid_t flowlab_h5e_default(void) { return H5E_DEFAULT; }
static inline size_t flowlab_h5t_variable(void) { return H5T_VARIABLE; }
static inline hsize_t flowlab_h5s_unlimited(void) { return H5S_UNLIMITED; }
static inline hid_t flowlab_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t flowlab_h5t_native_uint32(void) { return H5T_NATIVE_UINT32; }

