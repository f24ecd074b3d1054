// Stands in for <AL/al.h> in Lumbo's core libraries, which must stay free of platform APIs.
#error "body/, exercises/, physics/, store/ and app/session/ must not include <AL/al.h>: sound lives in audio/"
