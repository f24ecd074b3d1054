// Stands in for <espeak-ng/speak_lib.h> in Lumbo's core libraries, which must stay free of platform APIs.
#error "body/, exercises/, physics/, store/ and app/session/ must not include <espeak-ng/speak_lib.h>: speech lives in audio/"
