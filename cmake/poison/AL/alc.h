// Stands in for <AL/alc.h> in Lumbo's core libraries, which must stay free of platform APIs.
#error "body/, exercises/, physics/, store/ and app/session/ must not include <AL/alc.h>: sound lives in audio/"
