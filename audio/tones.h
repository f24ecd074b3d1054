// The coach's non-speech sounds, made from sine partials at the voice's rate: a soft tick for
// the tempo (an accented one where a tempo phase begins) and a two-note chime for a good repetition.
#pragma once

#include "audio/audio_clip.h"

namespace lumbo::audio {

AudioClip tickClip(bool accented, int rateHz = 22050);
AudioClip chimeClip(int rateHz = 22050);

}  // namespace lumbo::audio
