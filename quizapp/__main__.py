"""`python -m quizapp` is the same as the `quizapp` command."""

from quizapp.entry import main

if __name__ == "__main__":
    main()
