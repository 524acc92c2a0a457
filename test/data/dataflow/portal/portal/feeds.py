"""Feed and sitemap parsing."""
import xml.sax
from xml.dom import minidom
from xml.etree import ElementTree

from lxml import etree

from portal import settings


class TitleCollector(xml.sax.ContentHandler):
    def __init__(self, tag):
        super().__init__()
        self.tag = tag
        self.titles = []

    def characters(self, content):
        self.titles.append(content)


def feed_titles(xml_text):
    root = ElementTree.fromstring(xml_text)
    return [item.findtext("title") for item in root.iter("item")]


def sitemap_urls(data):
    document = minidom.parseString(data)
    return [node.firstChild.data for node in document.getElementsByTagName("loc")]


def outline_titles(upload):
    tree = etree.parse(upload)
    return [outline.get("title") for outline in tree.iter("outline")]


def sample_titles(tag):
    handler = TitleCollector(tag)
    xml.sax.parseString(settings.SAMPLE_FEED.encode(), handler)
    return handler.titles
