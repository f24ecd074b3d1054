// Stands in for <AL/alext.h> in Lumbo's core libraries, which must stay free of platform APIs.
#error "body/, exercises/, physics/, store/ and app/session/ must not include <AL/alext.h>: sound lives in audio/"
