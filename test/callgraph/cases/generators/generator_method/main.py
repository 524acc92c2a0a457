"""__iter__ written as a generator method, and a generator method on a class."""


class Playlist:
    def __init__(self, songs):
        self.songs = songs

    def __iter__(self):
        for song in self.songs:
            yield self.describe(song)

    def describe(self, song):
        return "* " + song

    def shuffled(self):
        yield from sorted(self.songs, key=len)


def show(playlist):
    return list(playlist) + list(playlist.shuffled())


show(Playlist(["b", "aa"]))
