// The system zlib (zlib1g-dev), used by GavelServer to inflate gzip request bodies.
#include <zlib.h>
