"""The RDF namespaces the exports are read back with, written out here (not imported from the package) so that
a changed namespace in the package fails the tests instead of moving with them."""

from __future__ import annotations

from rdflib import Namespace

EIC = Namespace("https://w3id.org/eu-iot-coop/vocab/")
ID = Namespace("https://w3id.org/eu-iot-coop/id/")
REL = Namespace("https://w3id.org/eu-iot-coop/relation/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
