"""`<tpm>`: models and the three backends (formatdomain "TPM device")."""
from __future__ import annotations

import pytest

from mapping import from_xml
from tests.xmlassert import to_xml
from mapping.libvirt.devices.tpm import (PcrBanks, Tpm, TpmBackend, TpmBackendType,
                                         TpmModel, TpmProfile, TpmSource, TpmVersion)
from tests.xmlassert import assert_xml_equal

SECRET = "b4a117f1-8af2-44a4-91b8-7f0d2d4d68a3"
BUILT = [
    (Tpm(model=TpmModel.TPM_TIS, backend=TpmBackend(
        type=TpmBackendType.PASSTHROUGH, device_path="/dev/tpm0")),
     "<tpm model='tpm-tis'><backend type='passthrough'><device path='/dev/tpm0'/>"
     "</backend></tpm>"),
    (Tpm(model=TpmModel.TPM_CRB, backend=TpmBackend(
        type=TpmBackendType.EMULATOR, version=TpmVersion.V2_0, persistent_state=True)),
     "<tpm model='tpm-crb'><backend type='emulator' version='2.0' persistent_state='yes'/>"
     "</tpm>"),
    (Tpm(model=TpmModel.TPM_TIS, backend=TpmBackend(
        type=TpmBackendType.EMULATOR, version=TpmVersion.V2_0, encryption_secret=SECRET,
        active_pcr_banks=PcrBanks(sha256=True, sha512=True))),
     f"<tpm model='tpm-tis'><backend type='emulator' version='2.0'>"
     f"<encryption secret='{SECRET}'/><active_pcr_banks><sha256/><sha512/>"
     f"</active_pcr_banks></backend></tpm>"),
    (Tpm(model=TpmModel.TPM_TIS, backend=TpmBackend(
        type=TpmBackendType.EXTERNAL,
        source=TpmSource(type="unix", mode="connect", path="/tmp/swtpm.sock"))),
     "<tpm model='tpm-tis'><backend type='external'>"
     "<source type='unix' mode='connect' path='/tmp/swtpm.sock'/></backend></tpm>"),
]


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_built_entity_writes_xml(entity, xml):
    assert_xml_equal(xml, to_xml(entity))


@pytest.mark.parametrize(("entity", "xml"), BUILT)
def test_xml_parses_to_entity(entity, xml):
    assert from_xml(xml, Tpm) == entity


def test_parsed_fields_are_typed():
    tpm = from_xml("<tpm model='spapr-tpm-proxy'><backend type='emulator' version='1.2' "
                   "debug='5'><active_pcr_banks><sha1/></active_pcr_banks>"
                   "<profile source='local:restricted' removeDisabled='fips-host'/>"
                   "</backend></tpm>", Tpm)
    assert tpm.model is TpmModel.SPAPR_TPM_PROXY
    assert tpm.backend.type is TpmBackendType.EMULATOR
    assert tpm.backend.version is TpmVersion.V1_2
    assert tpm.backend.debug == 5
    assert tpm.backend.active_pcr_banks == PcrBanks(sha1=True)
    assert tpm.backend.profile == TpmProfile(source="local:restricted",
                                             remove_disabled="fips-host")


def test_editing_pcr_banks():
    tpm = from_xml("<tpm model='tpm-tis'><backend type='emulator' version='2.0'>"
                   "<active_pcr_banks><sha256/></active_pcr_banks></backend></tpm>", Tpm)
    tpm.backend.active_pcr_banks.sha256 = None
    tpm.backend.active_pcr_banks.sha384 = True
    assert_xml_equal("<tpm model='tpm-tis'><backend type='emulator' version='2.0'>"
                     "<active_pcr_banks><sha384/></active_pcr_banks></backend></tpm>",
                     to_xml(tpm))
