x = 'ééé' + 'unterminated
