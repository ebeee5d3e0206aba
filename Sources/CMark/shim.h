// The one C header Folio reads: libcmark, the CommonMark reference implementation (Debian: libcmark-dev).
#include <cmark.h>
