"""`python -m quizapp` is the same as the `quizapp` command."""

from quizapp.cli import main

if __name__ == "__main__":
    main()
