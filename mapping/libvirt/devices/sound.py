"""Sound devices and audio backends (formatdomain "Sound devices", "Audio backends")."""
from __future__ import annotations

from ...core import YesNo, attr, child, children, element
from ...core import path as leaf
from .common import Device, VirtioOptions


@element()
class SoundCodec:
    type: str | None = attr("type")


@element("sound")
class Sound(Device):
    IDENTITY = ("model",)

    model: str | None = attr("model")
    streams: int | None = attr("streams")
    multichannel: bool | None = attr("multichannel", codec=YesNo)
    codecs: list[SoundCodec] = children("codec")
    audio_id: int | None = leaf("audio/@id")
    driver: VirtioOptions | None = child("driver")


@element()
class AudioSettings:
    frequency: int | None = attr("frequency")
    channels: int | None = attr("channels")
    format: str | None = attr("format")


@element()
class AudioStream:
    """`<input>`/`<output>` of an audio backend: common and backend-specific settings."""

    mixing_engine: bool | None = attr("mixingEngine", codec=YesNo)
    fixed_settings: bool | None = attr("fixedSettings", codec=YesNo)
    voices: int | None = attr("voices")
    buffer_length: int | None = attr("bufferLength")
    buffer_count: int | None = attr("bufferCount")
    dev: str | None = attr("dev")
    name: str | None = attr("name")
    server_name: str | None = attr("serverName")
    client_name: str | None = attr("clientName")
    connect_ports: str | None = attr("connectPorts")
    exact_name: bool | None = attr("exactName", codec=YesNo)
    stream_name: str | None = attr("streamName")
    latency: int | None = attr("latency")
    try_poll: bool | None = attr("tryPoll", codec=YesNo)
    settings: AudioSettings | None = child("settings")


@element("audio")
class Audio:
    """An `<audio id=.. type=..>` backend that sound devices and displays refer to by id.

    Not a guest device: it has no alias or address.
    """

    IDENTITY = ("id",)

    id: int | None = attr("id")
    type: str | None = attr("type")
    timer_period: int | None = attr("timerPeriod")
    server_name: str | None = attr("serverName")
    path: str | None = attr("path")
    driver: str | None = attr("driver")
    exclusive: bool | None = attr("exclusive", codec=YesNo)
    try_mmap: bool | None = attr("tryMMap", codec=YesNo)
    dsp_policy: int | None = attr("dspPolicy")
    runtime_dir: str | None = attr("runtimeDir")
    input: AudioStream | None = child("input")
    output: AudioStream | None = child("output")
