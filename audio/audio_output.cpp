// AudioOutput: OpenAL Soft devices, contexts, sources and buffers.
#define AL_ALEXT_PROTOTYPES
#include "audio/audio_output.h"

#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

#include <algorithm>

namespace lumbo::audio {

namespace {

ALCdevice* dev(void* d) { return static_cast<ALCdevice*>(d); }

void renderLoopback(void* device, void* buffer, int frames) {
  alcRenderSamplesSOFT(static_cast<ALCdevice*>(device), buffer, frames);
}

constexpr int kEffectSources = 4;
// The voice keeps its level out to 2 m (the coach stands under a metre away) and fades gently
// beyond: distance tells where it is without making it faint.
constexpr float kReferenceDistanceM = 2.0f;

}  // namespace

Result<std::unique_ptr<AudioOutput>> AudioOutput::openDevice() {
  ALCdevice* device = alcOpenDevice(nullptr);
  if (device == nullptr) return Error{"no sound device"};
  std::unique_ptr<AudioOutput> out(new AudioOutput());
  out->device_ = device;
  const ALCchar* name = alcGetString(device, ALC_DEVICE_SPECIFIER);
  out->deviceName_ = name != nullptr ? name : "";
  // OpenAL Soft's null backend opens but plays nowhere: that is no sound device either.
  if (out->deviceName_ == "No Output") return Error{"no sound device"};
  if (auto st = out->createContext(nullptr); !st) return Error{st.error()};
  ALCint rate = 0;
  alcGetIntegerv(device, ALC_FREQUENCY, 1, &rate);
  out->rateHz_ = rate;
  return out;
}

Result<std::unique_ptr<AudioOutput>> AudioOutput::openLoopback(int rateHz) {
  if (!alcIsExtensionPresent(nullptr, "ALC_SOFT_loopback")) return Error{"OpenAL has no loopback device (ALC_SOFT_loopback)"};
  ALCdevice* device = alcLoopbackOpenDeviceSOFT(nullptr);
  if (device == nullptr) return Error{"OpenAL could not open its loopback device"};
  std::unique_ptr<AudioOutput> out(new AudioOutput());
  out->device_ = device;
  out->deviceName_ = "loopback";
  if (!alcIsRenderFormatSupportedSOFT(device, rateHz, ALC_STEREO_SOFT, ALC_SHORT_SOFT)) {
    return Error{"OpenAL's loopback device cannot render 16-bit stereo at " + std::to_string(rateHz) + " Hz"};
  }
  const ALCint attributes[] = {ALC_FORMAT_CHANNELS_SOFT, ALC_STEREO_SOFT, ALC_FORMAT_TYPE_SOFT, ALC_SHORT_SOFT,
                               ALC_FREQUENCY, rateHz, ALC_HRTF_SOFT, ALC_FALSE, 0};
  if (auto st = out->createContext(attributes); !st) return Error{st.error()};
  out->rateHz_ = rateHz;
  out->renderSamples_ = &renderLoopback;
  return out;
}

Status AudioOutput::createContext(const int* attributes) {
  ALCcontext* context = alcCreateContext(dev(device_), attributes);
  if (context == nullptr || alcMakeContextCurrent(context) != ALC_TRUE) {
    if (context != nullptr) alcDestroyContext(context);
    return Error{"OpenAL could not create a context on " + deviceName_};
  }
  context_ = context;
  alDistanceModel(AL_INVERSE_DISTANCE_CLAMPED);
  alGenSources(1, &voice_);
  alSourcef(voice_, AL_REFERENCE_DISTANCE, kReferenceDistanceM);
  effects_.resize(kEffectSources);
  alGenSources(kEffectSources, effects_.data());
  for (ALuint s : effects_) {
    // At the listener, head-relative: no direction, so a tick never reads as the coach moving.
    alSourcei(s, AL_SOURCE_RELATIVE, AL_TRUE);
    alSource3f(s, AL_POSITION, 0.0f, 0.0f, 0.0f);
  }
  return Done{};
}

AudioOutput::~AudioOutput() {
  if (context_ != nullptr) {
    alcMakeContextCurrent(static_cast<ALCcontext*>(context_));
    alSourceStop(voice_);
    alDeleteSources(1, &voice_);
    for (ALuint s : effects_) alSourceStop(s);
    alDeleteSources(static_cast<ALsizei>(effects_.size()), effects_.data());
    alDeleteBuffers(static_cast<ALsizei>(buffers_.size()), buffers_.data());
    alcMakeContextCurrent(nullptr);
    alcDestroyContext(static_cast<ALCcontext*>(context_));
  }
  if (device_ != nullptr) alcCloseDevice(dev(device_));
}

BufferId AudioOutput::upload(const AudioClip& clip) {
  ALuint buffer = 0;
  alGenBuffers(1, &buffer);
  alBufferData(buffer, AL_FORMAT_MONO16, clip.samples.data(),
               static_cast<ALsizei>(clip.samples.size() * sizeof(std::int16_t)), clip.rateHz);
  buffers_.push_back(buffer);
  return buffer;
}

void AudioOutput::setListener(const glm::vec3& positionM, const glm::vec3& forward, const glm::vec3& up) {
  alListener3f(AL_POSITION, positionM.x, positionM.y, positionM.z);
  const ALfloat orientation[6] = {forward.x, forward.y, forward.z, up.x, up.y, up.z};
  alListenerfv(AL_ORIENTATION, orientation);
}

void AudioOutput::setMasterGain(float gain) { alListenerf(AL_GAIN, std::max(0.0f, gain)); }

void AudioOutput::playVoice(BufferId buffer, const glm::vec3& positionM) {
  alSourceStop(voice_);
  alSourcei(voice_, AL_BUFFER, static_cast<ALint>(buffer));
  moveVoice(positionM);
  alSourcePlay(voice_);
}

void AudioOutput::moveVoice(const glm::vec3& positionM) { alSource3f(voice_, AL_POSITION, positionM.x, positionM.y, positionM.z); }

void AudioOutput::playEffect(BufferId buffer, float gain) {
  const ALuint s = effects_[nextEffect_];
  nextEffect_ = (nextEffect_ + 1) % effects_.size();
  alSourceStop(s);
  alSourcei(s, AL_BUFFER, static_cast<ALint>(buffer));
  alSourcef(s, AL_GAIN, gain);
  alSourcePlay(s);
}

namespace {

bool isPlaying(ALuint s) {
  ALint state = 0;
  alGetSourcei(s, AL_SOURCE_STATE, &state);
  return state == AL_PLAYING;
}

}  // namespace

bool AudioOutput::voicePlaying() const { return isPlaying(voice_); }

bool AudioOutput::playing() const {
  if (isPlaying(voice_)) return true;
  for (ALuint s : effects_) {
    if (isPlaying(s)) return true;
  }
  return false;
}

void AudioOutput::render(std::size_t frames, std::vector<std::int16_t>& interleaved) {
  if (renderSamples_ == nullptr || frames == 0) return;
  const std::size_t at = interleaved.size();
  interleaved.resize(at + 2 * frames);
  renderSamples_(device_, interleaved.data() + at, static_cast<int>(frames));
}

}  // namespace lumbo::audio
