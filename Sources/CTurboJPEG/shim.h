/* The TurboJPEG API of libjpeg-turbo: errors are returned, never exit(). */
#include <turbojpeg.h>
