"""Tests of libvirt formats other than the domain."""
